package com.linkwithmentor.moderation.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.moderation.PictureFixtures;
import com.linkwithmentor.moderation.TestPolicies;
import com.linkwithmentor.moderation.policy.HashList;

/** PDQ as a perceptual hash: alike pictures are near, different ones far, the hex form round-trips. */
class PdqHashTests {

    @Test
    void alikePicturesAreNearAndDifferentOnesFar() throws Exception {
        BufferedImage canary = PictureFixtures.canary();
        PdqHash original = PdqHash.of(canary);
        BufferedImage recompressed = ImageIO.read(new ByteArrayInputStream(
                PictureFixtures.jpeg(PictureFixtures.resized(canary, 400, 300), 0.6f)));
        PdqHash alike = PdqHash.of(recompressed);
        PdqHash other = PdqHash.of(PictureFixtures.text("An unrelated picture", "with some words"));

        assertThat(Long.bitCount(original.bits()[0]) + Long.bitCount(original.bits()[1])
                + Long.bitCount(original.bits()[2]) + Long.bitCount(original.bits()[3])).isEqualTo(128);
        assertThat(original.quality()).isGreaterThanOrEqualTo(50);
        assertThat(original.distance(alike)).isLessThanOrEqualTo(20);
        assertThat(original.distance(other)).isGreaterThan(80);
        assertThat(HashList.format(HashList.parse(original.hex()))).isEqualTo(original.hex());
    }

    @Test
    void theBundledCanaryIsTheTestCard() {
        PdqHash canary = PdqHash.of(PictureFixtures.canary());
        HashList.Hit hit = TestPolicies.bundled().hashes().nearest(canary.bits(), canary.quality());
        assertThat(hit).as("hashes.txt lists %s", canary.hex()).isNotNull();
        assertThat(hit.entry().label()).contains("canary");
        assertThat(hit.distance()).isLessThanOrEqualTo(8);
    }

    @Test
    void aBlankPictureHasNoQualityToSpeakOf() {
        assertThat(PdqHash.of(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB)).quality()).isZero();
    }
}
