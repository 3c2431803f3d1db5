package org.capsim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.List;

/**
 * The colours of a report: one per provider, one per policy and one per workload class, taken in
 * the report's order from colour-blind-safe palettes, so a provider (or policy) has the same
 * colour in every chart of the report. Providers and policies use different palettes, so a bar
 * coloured by provider is never mistaken for a policy.
 */
public final class Palette {

    /** Okabe and Ito's colour-blind-safe palette, darkest first. */
    private static final Color[] PROVIDERS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xE69F00), new Color(0x000000), new Color(0xF0E442)};
    /** Paul Tol's "muted" palette. */
    private static final Color[] POLICIES = {new Color(0x332288), new Color(0xCC6677), new Color(0x117733),
        new Color(0xDDCC77), new Color(0x88CCEE), new Color(0xAA4499), new Color(0x44AA99), new Color(0x999933)};
    /** Paul Tol's "bright" palette. */
    private static final Color[] CLASSES = {new Color(0x4477AA), new Color(0xEE6677), new Color(0x228833),
        new Color(0xCCBB44), new Color(0x66CCEE), new Color(0xAA3377), new Color(0xBBBBBB)};

    public static final Color ACCEPTED = new Color(0x009E73);
    public static final Color REFUSED = new Color(0xD55E00);
    public static final Color DEMAND = new Color(0x222222);

    /** Line dashes, for a second dimension (a policy's line among providers, a provider's second site). */
    private static final float[][] DASHES = {null, {6f, 3f}, {2f, 2f}, {8f, 3f, 2f, 3f}};

    private final List<String> providers;
    private final List<String> policies;
    private final List<String> classes;

    public Palette(List<String> providers, List<String> policies, List<String> classes) {
        this.providers = List.copyOf(providers);
        this.policies = List.copyOf(policies);
        this.classes = List.copyOf(classes);
    }

    public Color provider(String id) {
        return pick(PROVIDERS, providers.indexOf(id));
    }

    public Color policy(String label) {
        return pick(POLICIES, policies.indexOf(label));
    }

    public Color workloadClass(String name) {
        return pick(CLASSES, classes.indexOf(name));
    }

    /** The policy's line dash (solid for the first). */
    public Stroke policyStroke(String label, float width) {
        return stroke(policies.indexOf(label), width);
    }

    /** Dash number {@code k} (0 is solid). */
    public static Stroke stroke(int k, float width) {
        float[] dash = DASHES[Math.max(0, k) % DASHES.length];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** Colour {@code index}; past the palette's end, further hues (darker on each round). */
    private static Color pick(Color[] colors, int index) {
        if (index < 0) {
            return Color.GRAY;
        }
        if (index < colors.length) {
            return colors[index];
        }
        float hue = (index * 0.618034f) % 1f;
        return Color.getHSBColor(hue, 0.65f, Math.max(0.35f, 0.85f - 0.15f * (index / colors.length)));
    }

    /** The colour with an alpha, for bands. */
    public static Color translucent(Color color, int alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    }
}
