package com.linkwithmentor.moderation.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * policy.yaml as written, before it is compiled into a {@link Policy}: what {@link PolicyYaml}
 * binds and Bean Validation checks. Keys are snake_case in the file. Cross-references (category
 * names used as keys, the files named) are checked when the policy is compiled.
 */
record PolicyDocument(
        @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9._-]{1,40}",
                message = "must be 1 to 40 letters, digits, '.', '_' or '-'") String version,
        @NotNull(message = "is required") @Valid Files files,
        @NotNull(message = "is required") @Valid Normalization normalization,
        @NotNull(message = "is required") @Valid Detectors detectors,
        @NotNull(message = "is required") @Valid Classifier classifier,
        @NotNull(message = "is required") @Valid Media media,
        @NotNull(message = "is required") Map<String, @NotNull(message = "is required") @Valid ActionLevels> actions,
        @NotNull(message = "is required") Map<String, @NotNull(message = "is required") @Valid StrikeLevels> strikes,
        @Nullable List<@NotNull(message = "is required") @Valid EscalationRule> escalations,
        @NotNull(message = "is required") @Valid Behaviour behaviour,
        @NotNull(message = "is required") @Valid Enforcement enforcement,
        @NotNull(message = "is required") @Valid Review review) {

    /** The other files of the policy, relative to the folder holding policy.yaml. */
    record Files(@NotBlank(message = "is required") String allow, @NotBlank(message = "is required") String patterns,
            @NotBlank(message = "is required") String rules, @NotBlank(message = "is required") String classifier,
            @NotBlank(message = "is required") String hashes,
            @NotEmpty(message = "is required") Map<String, @NotBlank(message = "is required") String> terms) {
    }

    /**
     * {@code leet}: symbols that stand for letters inside a word; {@code readings}: letters of
     * other scripts people use for a Latin letter that Unicode's confusables do not list.
     */
    record Normalization(@NotNull(message = "is required") Map<String, String> leet,
            @Nullable List<@NotBlank String> pluralSuffixes,
            @NotNull(message = "is required") Map<String, String> numberWords,
            @Nullable Map<String, String> readings) {
    }

    record Detectors(@NotNull(message = "is required") @Valid SpelledNumbers spelledNumbers,
            @NotNull(message = "is required") @Valid RepeatedWords repeatedWords) {
    }

    record SpelledNumbers(@NotNull(message = "is required") Category category,
            @NotNull(message = "is required") Severity severity,
            @NotNull(message = "is required") @Min(value = 7, message = "must be from 7 to 20") @Max(value = 20,
                    message = "must be from 7 to 20") Integer minDigits,
            @NotNull(message = "is required") @Min(value = 7, message = "must be from 7 to 20") @Max(value = 20,
                    message = "must be from 7 to 20") Integer maxDigits) {
    }

    record RepeatedWords(@NotNull(message = "is required") Category category,
            @NotNull(message = "is required") Severity severity,
            @NotNull(message = "is required") @Min(value = 2, message = "must be from 2 to 1000") @Max(value = 1000,
                    message = "must be from 2 to 1000") Integer minRun) {
    }

    /**
     * The second stage. {@code severity} is what a classifier finding weighs, per category
     * ({@code default} for the rest); {@code thresholds} overrides the model's own per-category
     * score thresholds (chosen by cross-validation when it was trained).
     */
    record Classifier(@NotNull(message = "is required") Boolean enabled,
            @NotNull(message = "is required") Map<String, @NotNull(message = "is required") Severity> severity,
            @Nullable Map<String, @NotNull @DecimalMin(value = "0.0", message = "must be from 0 to 1") @DecimalMax(
                    value = "1.0", message = "must be from 0 to 1") Double> thresholds) {
    }

    /**
     * Pictures and video frames: a PDQ hash within {@code hashMaxDistance} bits of a listed one
     * matches, when the picture has enough detail ({@code hashMinQuality}, 0 to 100) for its hash
     * to mean something.
     */
    record Media(@NotNull(message = "is required") @Min(value = 0, message = "must be from 0 to 128") @Max(value = 128,
            message = "must be from 0 to 128") Integer hashMaxDistance,
            @NotNull(message = "is required") @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100,
                    message = "must be from 0 to 100") Integer hashMinQuality) {
    }

    record ActionLevels(@Nullable Decision low, @Nullable Decision medium, @Nullable Decision high,
            @Nullable Decision critical) {
    }

    record StrikeLevels(
            @Nullable @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100,
                    message = "must be from 0 to 100") Integer low,
            @Nullable @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100,
                    message = "must be from 0 to 100") Integer medium,
            @Nullable @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100,
                    message = "must be from 0 to 100") Integer high,
            @Nullable @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100,
                    message = "must be from 0 to 100") Integer critical) {
    }

    /** Either {@code whenCount} or {@code whenAll}, and what to raise. */
    record EscalationRule(@Nullable @Valid Count whenCount, @Nullable List<@NotNull @Valid Requirement> whenAll,
            @NotNull(message = "is required") @Valid Raise raise) {

        @AssertTrue(message = "name exactly one of 'when_count' or 'when_all'")
        boolean isOneCondition() {
            return (whenCount == null) != (whenAll == null || whenAll.isEmpty());
        }
    }

    record Count(@Nullable Category category, @Nullable String rule,
            @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 1000") @Max(value = 1000,
                    message = "must be from 1 to 1000") Integer atLeast) {

        @AssertTrue(message = "name exactly one of 'category' or 'rule'")
        boolean isOneSubject() {
            return (category == null) != (rule == null);
        }
    }

    /** A category (any finding counts) or {@code {category, at_least: severity}}. */
    record Requirement(@NotNull(message = "is required") Category category, @Nullable Severity atLeast) {
    }

    /** The written-out form of a {@link Requirement}, read by {@link PolicyYaml}. */
    record RequirementFields(@Nullable Category category, @Nullable Severity atLeast) {
    }

    record Raise(@NotNull(message = "is required") Category category, @NotNull(message = "is required") Severity to) {
    }

    record Behaviour(@NotNull(message = "is required") @Valid MessageRate messageRate,
            @NotNull(message = "is required") @Valid RepeatedContent repeatedContent,
            @NotNull(message = "is required") @Valid ReportsReceived reportsReceived) {
    }

    record MessageRate(
            @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 100000") @Max(value = 100_000,
                    message = "must be from 1 to 100000") Integer maxMessages,
            @NotNull(message = "is required") Duration window, @NotNull(message = "is required") Duration muteFor,
            @NotNull(message = "is required") Severity severity) {
    }

    record RepeatedContent(
            @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 10000") @Max(value = 10_000,
                    message = "must be from 1 to 10000") Integer maxRepeats,
            @NotNull(message = "is required") Duration window,
            @NotNull(message = "is required") @Min(value = 0, message = "must be from 0 to 10000") @Max(value = 10_000,
                    message = "must be from 0 to 10000") Integer minLength,
            @NotNull(message = "is required") Severity severity) {
    }

    record ReportsReceived(
            @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 10000") @Max(value = 10_000,
                    message = "must be from 1 to 10000") Integer distinctReporters,
            @NotNull(message = "is required") Duration window, @NotNull(message = "is required") Severity severity) {
    }

    record Enforcement(@NotNull(message = "is required") Duration strikeWindow,
            @NotEmpty(message = "is required") List<@NotNull @Valid Step> ladder) {
    }

    /** {@code action} is warn, mute (which needs a {@code duration}) or suspend. */
    record Step(
            @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 1000") @Max(value = 1000,
                    message = "must be from 1 to 1000") Integer strikes,
            @NotNull(message = "is required") @Pattern(regexp = "warn|mute|suspend",
                    message = "unknown action; expected warn, mute or suspend") String action,
            @Nullable Duration duration) {

        @AssertTrue(message = "a mute needs a duration, and only a mute has one")
        boolean isDurationOnlyForMute() {
            return action == null || action.equals("mute") == (duration != null);
        }
    }

    record Review(@NotNull(message = "is required") List<@NotNull Decision> queue,
            @NotNull(message = "is required") Map<String, @NotNull @Min(0) @Max(1000) Integer> severityPriority,
            @Nullable Map<String, @NotNull @Min(0) @Max(1000) Integer> categoryBonus) {
    }

    /** patterns.yaml. */
    record Patterns(@NotNull(message = "is required") List<@NotNull @Valid PatternEntry> patterns) {
    }

    record PatternEntry(@NotBlank(message = "is required") String name,
            @NotNull(message = "is required") Category category, @NotNull(message = "is required") Severity severity,
            @NotBlank(message = "is required") String regex,
            @Nullable List<@NotBlank(message = "a trigger cannot be empty") String> triggers,
            @Nullable @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100,
                    message = "must be from 0 to 100") Integer minDigits) {
    }

    /**
     * rules.yaml: named word classes and the phrase rules built from them (see {@link PhraseRules}).
     */
    record Rules(@NotNull(message = "is required") Map<String, @NotEmpty(message = "is required") List<@NotBlank String>> classes,
            @NotNull(message = "is required") List<@NotNull @Valid RuleEntry> rules) {
    }

    record RuleEntry(@NotBlank(message = "is required") String name,
            @NotNull(message = "is required") Category category, @NotNull(message = "is required") Severity severity,
            @Nullable @Size(min = 2, max = 8, message = "must have 2 to 8 steps") List<@NotBlank String> sequence,
            @Nullable @Min(value = 0, message = "must be from 0 to 10") @Max(value = 10,
                    message = "must be from 0 to 10") Integer maxGap,
            @Nullable @Size(min = 2, max = 8, message = "must have 2 to 8 steps") List<@NotBlank String> near,
            @Nullable @Min(value = 2, message = "must be from 2 to 30") @Max(value = 30,
                    message = "must be from 2 to 30") Integer within,
            @Nullable List<@NotBlank String> unless,
            @Nullable @Min(value = 0, message = "must be from 0 to 10") @Max(value = 10,
                    message = "must be from 0 to 10") Integer unlessWithin) {

        @AssertTrue(message = "name exactly one of 'sequence' or 'near'")
        boolean isOneShape() {
            return (sequence == null) != (near == null);
        }
    }
}
