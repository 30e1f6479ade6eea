package io.tierdesk.events.routing;

/** The support lines: L1 registers and solves the typical, L2 the harder, L3 the novel, L4 is the vendor. */
public enum Tier {
    L1, L2, L3, L4
}
