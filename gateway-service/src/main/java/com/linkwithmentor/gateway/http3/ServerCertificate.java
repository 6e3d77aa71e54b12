package com.linkwithmentor.gateway.http3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.linkwithmentor.gateway.GatewayProperties;

/**
 * The certificate and key the TLS and QUIC listeners use: the configured (mounted) files in
 * production, otherwise a self-signed one for localhost, made once and kept, so a browser or
 * client only has to trust it once.
 */
public record ServerCertificate(Path certificate, Path privateKey) {

    private static final Logger log = LoggerFactory.getLogger(ServerCertificate.class);

    public static ServerCertificate resolve(GatewayProperties.Tls tls) {
        if (present(tls.certificate()) && present(tls.privateKey())) {
            return new ServerCertificate(tls.certificate(), tls.privateKey());
        }
        Path dir = tls.devCertificateDir().toAbsolutePath();
        ServerCertificate dev = new ServerCertificate(dir.resolve("gateway-dev.crt"), dir.resolve("gateway-dev.key"));
        if (!Files.exists(dev.certificate()) || !Files.exists(dev.privateKey())) {
            dev.generateSelfSigned();
            log.warn("Generated a self-signed development certificate for the gateway: {} (trust it in your client, "
                    + "or mount a real one with LWM_GATEWAY_TLS_CERTIFICATE / LWM_GATEWAY_TLS_PRIVATE_KEY)", dev.certificate());
        }
        else {
            log.info("Gateway TLS uses the development certificate {}", dev.certificate());
        }
        return dev;
    }

    private static boolean present(@org.jspecify.annotations.Nullable Path path) {
        return path != null && !path.toString().isBlank();
    }

    private void generateSelfSigned() {
        try {
            Files.createDirectories(certificate.getParent());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=LinkWithMentor development");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            write(certificate, holder);
            write(privateKey, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null).generate());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("Could not make a development certificate", ex);
        }
    }

    private static void write(Path path, Object pem) throws IOException {
        try (Writer writer = Files.newBufferedWriter(path); JcaPEMWriter pemWriter = new JcaPEMWriter(writer)) {
            pemWriter.writeObject(pem);
        }
    }
}
