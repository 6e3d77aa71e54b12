package com.linkwithmentor.moderation.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a policy's files are read from: the version bundled on the classpath, or an operator's
 * directory (a mounted ConfigMap, say). Paths are relative to the folder holding policy.yaml.
 */
public sealed interface PolicySource {

    String describe();

    /** The file's bytes; {@link PolicyException} naming it when it is missing or unreadable. */
    byte[] readBytes(String relativePath);

    default String read(String relativePath) {
        return new String(readBytes(relativePath), StandardCharsets.UTF_8);
    }

    static PolicySource classpath(String folder) {
        return new Classpath(folder.endsWith("/") ? folder : folder + "/");
    }

    static PolicySource directory(Path folder) {
        return new Directory(folder.toAbsolutePath().normalize());
    }

    record Classpath(String folder) implements PolicySource {

        @Override
        public String describe() {
            return "classpath:" + folder;
        }

        @Override
        public byte[] readBytes(String relativePath) {
            String name = folder + checked(relativePath);
            try (InputStream in = PolicySource.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new PolicyException(relativePath + ": no such file in " + describe());
                }
                return in.readAllBytes();
            }
            catch (IOException ex) {
                throw new PolicyException(relativePath + ": cannot be read: " + ex.getMessage(), ex);
            }
        }
    }

    record Directory(Path folder) implements PolicySource {

        @Override
        public String describe() {
            return folder.toString();
        }

        @Override
        public byte[] readBytes(String relativePath) {
            Path file = folder.resolve(checked(relativePath)).normalize();
            if (!file.startsWith(folder)) {
                throw new PolicyException(relativePath + ": must stay inside " + folder);
            }
            try {
                return Files.readAllBytes(file);
            }
            catch (NoSuchFileException ex) {
                throw new PolicyException(relativePath + ": no such file in " + folder, ex);
            }
            catch (IOException ex) {
                throw new PolicyException(relativePath + ": cannot be read: " + ex.getMessage(), ex);
            }
        }
    }

    private static String checked(String relativePath) {
        if (relativePath.isBlank() || relativePath.startsWith("/") || relativePath.contains("..")) {
            throw new PolicyException("'" + relativePath + "' must be a relative path inside the policy folder");
        }
        return relativePath;
    }
}
