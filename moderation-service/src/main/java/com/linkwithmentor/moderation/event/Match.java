package com.linkwithmentor.moderation.event;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Stage;

/**
 * Where a violation was found and which stage found it. In text: UTF-16 indexes into the text as
 * sent, {@code end} exclusive, as JavaScript's and Java's string indexes count. In a picture or a
 * video frame ({@code frame}: the keyframe's index, absent for a single picture): {@code stage}
 * "hash" for a match with a known-bad picture ({@code hash_label}, {@code distance} in bits, no
 * offsets), or "ocr" for text read from it, with {@code via} the text stage that fired and
 * {@code start}/{@code end} indexes into that frame's {@code ocr_text}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Match(Category category, @Nullable Integer start, @Nullable Integer end, @Nullable Stage stage,
        @Nullable Stage via, @Nullable Integer frame, @Nullable String hashLabel, @Nullable Integer distance) {

    public static Match inText(Category category, int start, int end, Stage stage) {
        return new Match(category, start, end, stage, null, null, null, null);
    }

    public static Match inPictureText(Category category, int start, int end, Stage via, @Nullable Integer frame) {
        return new Match(category, start, end, Stage.OCR, via, frame, null, null);
    }

    public static Match knownPicture(Category category, String label, int distance, @Nullable Integer frame) {
        return new Match(category, null, null, Stage.HASH, null, frame, label, distance);
    }
}
