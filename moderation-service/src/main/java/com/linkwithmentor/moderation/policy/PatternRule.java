package com.linkwithmentor.moderation.policy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.linkwithmentor.moderation.text.FoldedText;

/**
 * A structured thing a word list cannot describe (phone number, email, UPI id, link), as a regular
 * expression over the folded text: lower case, look-alikes and invisible characters already gone,
 * punctuation and digits still there. {@code triggers} (literals, one of which must occur) and
 * {@code minDigits} say when the expression cannot match, so most messages skip most expressions
 * (see {@link PatternTriggers}).
 */
public record PatternRule(String name, Category category, Severity severity, Pattern regex, List<String> triggers,
        int minDigits) {

    public void find(FoldedText text, List<Finding> out) {
        Matcher matcher = regex.matcher(text.toString());
        while (matcher.find()) {
            if (matcher.end() > matcher.start()) {
                out.add(new Finding(category, severity, text.originalStart(matcher.start()),
                        text.originalEnd(matcher.end() - 1), name, Stage.PATTERN));
            }
        }
    }
}
