package org.genegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.genegate.server.security.SmartScope.Context;
import org.genegate.server.security.SmartScope.Permission;
import org.junit.jupiter.api.Test;

class SmartScopeTest {

    @Test
    void v1ScopesMapToPermissions() {
        assertThat(SmartScope.parse("patient/Observation.read")).hasValue(new SmartScope(Context.PATIENT,
                "Observation", EnumSet.of(Permission.READ, Permission.SEARCH)));
        assertThat(SmartScope.parse("user/*.write")).hasValue(new SmartScope(Context.USER, "*",
                EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE)));
        assertThat(SmartScope.parse("system/Patient.*")).hasValue(new SmartScope(Context.SYSTEM, "Patient",
                EnumSet.allOf(Permission.class)));
    }

    @Test
    void v2ScopesAreLettersOfCrudsInOrder() {
        assertThat(SmartScope.parse("patient/Observation.rs")).hasValue(new SmartScope(Context.PATIENT,
                "Observation", EnumSet.of(Permission.READ, Permission.SEARCH)));
        assertThat(SmartScope.parse("user/*.cruds")).hasValue(new SmartScope(Context.USER, "*",
                EnumSet.allOf(Permission.class)));
        assertThat(SmartScope.parse("user/Observation.cu")).hasValue(new SmartScope(Context.USER, "Observation",
                EnumSet.of(Permission.CREATE, Permission.UPDATE)));
        assertThat(SmartScope.parse("patient/Observation.sr")).isEmpty();
        assertThat(SmartScope.parse("patient/Observation.")).isEmpty();
    }

    @Test
    void otherScopesGrantNoResourceAccess() {
        assertThat(SmartScope.parse("openid")).isEmpty();
        assertThat(SmartScope.parse("launch/patient")).isEmpty();
        assertThat(SmartScope.parse("offline_access")).isEmpty();
        assertThat(SmartScope.parse("patient/Observation.rs?category=laboratory")).isEmpty();
        assertThat(SmartScope.parse("patient/observation.read")).isEmpty();
        assertThat(SmartScope.parse("admin/*.read")).isEmpty();
    }
}
