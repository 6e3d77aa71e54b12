package com.linkwithmentor.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/**
 * Every UPI code a checkout shows must scan back to its URI, whatever reference and amount it
 * carries. Read as the generated image it is (a pure code): zxing's camera-oriented finder search
 * misses about one code in 200 of these clean images, which phones' scanners read.
 */
public class UpiQrTests {

    /** The text of a generated QR image. */
    public static String read(BufferedImage png) throws Exception {
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(png))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void codesForManyReferencesAndAmountsAllScanBackToTheirUri() throws Exception {
        SplittableRandom random = new SplittableRandom(20261202L);
        for (int i = 0; i < 300; i++) {
            String reference = Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + Long.toString(random.nextLong(1L << 40), 36);
            String uri = "upi://pay?pa=mentor" + random.nextInt(100_000) + "@oksbi&pn=Mentor%20Name%20" + i
                    + "&am=" + random.nextInt(1, 100_000) + "." + String.format("%02d", random.nextInt(100))
                    + "&tr=" + reference + "&cu=INR";
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(UpiQr.pngBase64(uri))));
            assertThat(read(png)).as("code %d of %s", i, uri).isEqualTo(uri);
        }
    }
}
