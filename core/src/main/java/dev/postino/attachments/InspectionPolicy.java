package dev.postino.attachments;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.postino.attachments.ReasonCode.Category;
import dev.postino.attachments.names.BlockedExtensions;

/**
 * What the inspector looks for and what each kind of finding does to the verdict. Immutable; the
 * default blocks everything it finds.
 */
public final class InspectionPolicy {

    public static final InspectionPolicy DEFAULT = new InspectionPolicy(BlockedExtensions.DEFAULTS,
        new EnumMap<>(Category.class), InspectionLimits.DEFAULTS);

    private final Set<String> blockedExtensions;
    private final Map<Category, Action> actions;
    private final InspectionLimits limits;

    private InspectionPolicy(Set<String> blockedExtensions, Map<Category, Action> actions, InspectionLimits limits) {
        this.blockedExtensions = Set.copyOf(blockedExtensions);
        this.actions = actions.isEmpty() ? Map.of() : Map.copyOf(actions);
        this.limits = Objects.requireNonNull(limits);
    }

    /** Lower-case extensions without the dot. */
    public Set<String> blockedExtensions() {
        return blockedExtensions;
    }

    public InspectionLimits limits() {
        return limits;
    }

    /** The action for a category; {@link Action#BLOCK} unless changed. */
    public Action action(Category category) {
        return actions.getOrDefault(category, Action.BLOCK);
    }

    public InspectionPolicy withBlockedExtensions(Set<String> extensions) {
        return new InspectionPolicy(BlockedExtensions.normalise(extensions), actions, limits);
    }

    public InspectionPolicy withAction(Category category, Action action) {
        EnumMap<Category, Action> copy = new EnumMap<>(Category.class);
        copy.putAll(actions);
        copy.put(category, action);
        return new InspectionPolicy(blockedExtensions, copy, limits);
    }

    public InspectionPolicy withLimits(InspectionLimits newLimits) {
        return new InspectionPolicy(blockedExtensions, actions, newLimits);
    }
}
