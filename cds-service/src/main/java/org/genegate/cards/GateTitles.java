package org.genegate.cards;

import java.util.Map;

/** What each gate is called on a card: a title for the detail list, a few words for the summary. */
public final class GateTitles {

    private record Title(String title, String shortText) {
    }

    private static final Map<String, Title> TITLES = Map.ofEntries(
            Map.entry("age", new Title("Age", "age under 18")),
            Map.entry("prior-gene-therapy", new Title("Prior gene therapy", "prior hemophilia B gene therapy")),
            Map.entry("fix-inhibitor", new Title("FIX inhibitor (Bethesda)", "FIX inhibitor")),
            Map.entry("nab-aav5", new Title("Anti-AAV5 neutralizing antibodies", "anti-AAV5 NAb titer")),
            Map.entry("diagnosis", new Title("Hemophilia B diagnosis", "hemophilia B diagnosis")),
            Map.entry("fix-activity", new Title("FIX activity", "FIX activity")),
            Map.entry("prophylaxis-or-bleeds", new Title("FIX prophylaxis or bleed history", "prophylaxis/bleeds")),
            Map.entry("infections", new Title("Hepatitis B/C and HIV", "infection screen")),
            Map.entry("baseline-liver", new Title("Baseline hepatic assessment", "liver work-up")),
            Map.entry("monitoring-plan", new Title("Post-infusion monitoring plan", "monitoring plan")),
            Map.entry("weight-and-dose", new Title("Weight and dose", "weight/dose")),
            Map.entry("site-of-care", new Title("Site of care", "site of care")),
            Map.entry("prescriber", new Title("Prescriber", "prescriber")),
            Map.entry("coding", new Title("Billing codes", "codes")),
            Map.entry("payer", new Title("Payer", "payer")),
            Map.entry("order-notes", new Title("Order notes", "order notes")));

    private GateTitles() {
    }

    public static String title(String gateId) {
        Title title = TITLES.get(gateId);
        return title == null ? gateId : title.title();
    }

    static String shortText(String gateId) {
        Title title = TITLES.get(gateId);
        return title == null ? gateId : title.shortText();
    }
}
