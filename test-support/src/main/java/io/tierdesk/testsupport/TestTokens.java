package io.tierdesk.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Mints JWTs for tests. The key pair is generated once per module build under target/ and read from disk, because
 * the test resource and the tests may live in different class loaders.
 */
public final class TestTokens {
    public static final String ISSUER = "https://tierdesk.test";
    /** What the services expect in {@code aud} (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "tierdesk";
    private static final Path DIR = Path.of("target", "tierdesk-test-jwt").toAbsolutePath();

    private TestTokens() {
    }

    /** A token for a subject with the given roles (channel, agent, supervisor, kb-editor, admin). */
    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(roles)).expiresIn(3600)
                .sign(privateKey());
    }

    /** A token that expired an hour ago, otherwise valid. */
    public static String expired(String subject, String... roles) {
        long past = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(roles)).issuedAt(past - 60)
                .expiresAt(past).sign(privateKey());
    }

    /** A token from the right issuer and key, but meant for another application. */
    public static String forAnotherAudience(String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience("another-application").subject(subject).upn(subject)
                .groups(Set.of(roles)).expiresIn(3600).sign(privateKey());
    }

    /** A token signed with a key the services do not trust. */
    public static String wronglySigned(String subject, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(roles)).expiresIn(3600)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of an Authorization header. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** The public key's file, generating the pair on first use. */
    public static synchronized Path publicKeyFile() {
        Path publicKey = DIR.resolve("public.pem");
        if (!Files.exists(publicKey)) {
            generate();
        }
        return publicKey;
    }

    private static PrivateKey privateKey() {
        try {
            publicKeyFile();
            String pem = Files.readString(DIR.resolve("private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            write("private.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());
            write("public.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(String name, String label, byte[] der) throws IOException {
        String pem = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + label + "-----\n";
        Path tmp = Files.createTempFile(DIR, name, ".tmp");
        Files.writeString(tmp, pem);
        Files.move(tmp, DIR.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
