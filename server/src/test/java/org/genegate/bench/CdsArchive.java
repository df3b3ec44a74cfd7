package org.genegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.genegate.server.ServerProcess;

/**
 * The CDS-only jar prepared for a fast start, as docs/deployment.md shows an operator: extracted with Spring Boot's
 * {@code -Djarmode=tools extract}, and a class-data sharing archive of the classes a start loads, recorded by one
 * training start that stops once the application context is refreshed ({@code -Dspring.context.exit=onRefresh}).
 */
record CdsArchive(Path jar, Path archive) {

    /** Extracts the jar into {@code dir} and records the archive there; the training start's output goes to a log. */
    static CdsArchive prepare(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("prepare.log");
        run(log, List.of("-Djarmode=tools", "-jar", ServerProcess.CDS_ONLY_JAR.toAbsolutePath().normalize().toString(),
                "extract", "--force", "--destination", dir.toAbsolutePath().toString()));
        Path jar = dir.resolve("genegate-cds.jar").toAbsolutePath();
        Path archive = dir.resolve("genegate-cds.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        run(log, List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                jar.toString(), "--server.port=0"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no class-data sharing archive was written; see " + log.toAbsolutePath());
        }
        return new CdsArchive(jar, archive);
    }

    /** The JVM option that uses the archive. */
    String jvmArg() {
        return "-XX:SharedArchiveFile=" + archive;
    }

    private static void run(Path log, List<String> javaArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not finish within 10 minutes: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + command + "; see "
                    + log.toAbsolutePath());
        }
    }
}
