/**
 * The second stage of text analysis: a linear model over hashed word and character n-grams
 * ({@link com.linkwithmentor.moderation.classifier.TextFeatures}), trained in plain Java
 * ({@link com.linkwithmentor.moderation.classifier.Trainer}) from the labelled corpus in the
 * module's test resources, shipped as a file of the policy ({@code policies/v1/classifier/model.bin})
 * and loaded with it. Plain Java on the text package: no Spring, no policy types (labels are the
 * category names as strings), no I/O beyond the bytes it is handed.
 */
@NullMarked
package com.linkwithmentor.moderation.classifier;

import org.jspecify.annotations.NullMarked;
