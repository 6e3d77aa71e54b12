package com.linkwithmentor.moderation.text;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.util.VersionInfo;

/**
 * What letters of other scripts read as in plain Latin, from Unicode's own data rather than a
 * hand-picked table: the confusables of UTS #39 (through ICU's {@link SpoofChecker} skeletons),
 * read down to ASCII letters with the help of the character names ("LATIN LETTER SMALL CAPITAL H"
 * reads h, "LATIN SMALL LETTER F WITH HOOK" reads f).
 *
 * <p>For each letter from U+0080 to U+1FFFF: what it decomposes to or its name says (fullwidth
 * "Ｉ" is an i, "ƒ" an f); failing that, its UTS #39 skeleton; failing that, the skeleton of its
 * capital (Cyrillic "к" is listed only through "К", which is confusable with "K"). A capital reads
 * as its small letter when that has a reading. A reading counts when it is one to three ASCII letters (or the apostrophe, for
 * the curly quotes that join a contraction). Digits are never mapped here (they fold to their
 * value), and neither are symbols. UTS #39 lists what <em>looks</em> alike; the policy adds the
 * few letters people use as a Latin letter although they do not look like it (Cyrillic "и" for
 * "u"), see {@code normalization.readings} in policy.yaml.
 */
public final class Confusables {

    private static final Pattern LATIN_NAME = Pattern
        .compile("LATIN (?:(?:CAPITAL|SMALL) )?LETTER (?:SMALL CAPITAL |DOTLESS |SCRIPT )?([A-Z])(?: WITH .*)?");

    private static final int[] APOSTROPHES = { 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4, 0x2032, 0xFF07 };

    private static volatile Map<Integer, String> uts39;

    private Confusables() {
    }

    /** The Unicode version the data comes from, part of the policy's version. */
    public static String unicodeVersion() {
        VersionInfo version = UCharacter.getUnicodeVersion();
        return "unicode-" + version.getMajor() + "." + version.getMinor() + "+icu-" + VersionInfo.ICU_VERSION;
    }

    /** Code point → lower-case ASCII reading; computed once per JVM (about a tenth of a second). */
    public static Map<Integer, String> uts39() {
        Map<Integer, String> map = uts39;
        if (map == null) {
            synchronized (Confusables.class) {
                map = uts39;
                if (map == null) {
                    map = Map.copyOf(compute());
                    uts39 = map;
                }
            }
        }
        return map;
    }

    private static Map<Integer, String> compute() {
        SpoofChecker checker = new SpoofChecker.Builder().build();
        Map<Integer, String> map = new HashMap<>();
        for (int codePoint = 0x80; codePoint <= 0x1FFFF; codePoint++) {
            if (!Character.isLetter(codePoint)) {
                continue;
            }
            String reading = reading(checker, codePoint);
            if (reading != null) {
                map.put(codePoint, reading);
            }
        }
        for (int apostrophe : APOSTROPHES) {
            map.put(apostrophe, "'");
        }
        return map;
    }

    private static String reading(SpoofChecker checker, int codePoint) {
        // A capital reads as its small letter does: UTS #39 maps "I" to "l", a reader sees an i.
        int small = Character.toLowerCase(codePoint);
        if (small != codePoint) {
            String reading = reading(checker, small);
            if (reading != null) {
                return reading;
            }
        }
        // What the letter decomposes to, or its name, says it best when it is a Latin letter at heart.
        String reading = ascii(Character.toString(codePoint));
        if (reading == null) {
            reading = ascii(checker.getSkeleton(Character.toString(codePoint)));
        }
        if (reading == null) {
            int capital = Character.toUpperCase(codePoint);
            if (capital != codePoint) {
                reading = ascii(checker.getSkeleton(Character.toString(capital)));
            }
        }
        return reading;
    }

    /** The text as one to three lower-case ASCII letters, or null when it does not read as such. */
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(3);
        for (int codePoint : text.codePoints().toArray()) {
            int type = Character.getType(codePoint);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (codePoint < 0x80) {
                if (!Character.isLetter(codePoint)) {
                    return null;
                }
                out.append((char) Character.toLowerCase(codePoint));
                continue;
            }
            String bare = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "");
            if (bare.length() == 1 && bare.charAt(0) < 0x80 && Character.isLetter(bare.charAt(0))) {
                out.append(Character.toLowerCase(bare.charAt(0)));
                continue;
            }
            String name = UCharacter.getName(codePoint);
            Matcher matcher = name != null ? LATIN_NAME.matcher(name) : null;
            if (matcher == null || !matcher.matches()) {
                return null;
            }
            out.append(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return out.isEmpty() || out.length() > 3 ? null : out.toString();
    }
}
