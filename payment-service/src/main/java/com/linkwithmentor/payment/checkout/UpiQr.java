package com.linkwithmentor.payment.checkout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** The QR code of a UPI intent, as a PNG a UPI app scans (ZXing). */
final class UpiQr {

    private UpiQr() {
    }

    static String pngBase64(String upiUri) {
        try {
            // A quiet zone of four modules, as the QR specification asks: with less, some codes (it
            // depends on the payment's reference) were not found by a reader.
            BitMatrix matrix = new QRCodeWriter().encode(upiUri, BarcodeFormat.QR_CODE, 320, 320,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return Base64.getEncoder().encodeToString(png.toByteArray());
        }
        catch (WriterException ex) {
            throw new IllegalStateException("Could not encode the UPI intent as a QR code", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
