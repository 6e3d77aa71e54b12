package com.linkwithmentor.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * The gateway's self-signed development certificate, and what a browser needs to trust it for
 * HTTP/3: the base64 SHA-256 of its SubjectPublicKeyInfo, which Chromium takes with
 * {@code --ignore-certificate-errors-spki-list}.
 */
final class DevCertificate {

  private DevCertificate() {
  }

  static Optional<String> spkiHash(Path certificate) {
    if (!Files.exists(certificate)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(certificate)) {
      X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(x509.getPublicKey().getEncoded());
      return Optional.of(Base64.getEncoder().encodeToString(digest));
    } catch (IOException | CertificateException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }
}
