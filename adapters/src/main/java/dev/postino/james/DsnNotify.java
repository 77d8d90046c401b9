package dev.postino.james;

import java.util.EnumSet;
import java.util.Set;

import org.apache.mailet.DsnParameters;

import dev.postino.receipts.NotifyKeyword;

/**
 * Translates between James's DSN {@code NOTIFY} values ({@link DsnParameters.Notify}) and core's
 * {@link NotifyKeyword}, so the receipt rules in core work on the envelope James keeps. The two
 * enums name the same four RFC 3461 §4.1 keywords.
 */
public final class DsnNotify {

    private DsnNotify() {
    }

    /** James's NOTIFY values as core keywords. */
    public static Set<NotifyKeyword> keywords(Set<DsnParameters.Notify> notify) {
        EnumSet<NotifyKeyword> keywords = EnumSet.noneOf(NotifyKeyword.class);
        notify.forEach(value -> keywords.add(NotifyKeyword.valueOf(value.name())));
        return keywords;
    }

    /** Core keywords as James's NOTIFY values. */
    public static EnumSet<DsnParameters.Notify> notify(Set<NotifyKeyword> keywords) {
        EnumSet<DsnParameters.Notify> notify = EnumSet.noneOf(DsnParameters.Notify.class);
        keywords.forEach(keyword -> notify.add(DsnParameters.Notify.valueOf(keyword.name())));
        return notify;
    }
}
