package ai.millrace.compiler.internal.io;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one way Millrace writes state files.
 *
 * <p>{@link #write(Path, byte[])} writes a temp file in the target's folder, forces it to disk,
 * renames it over the target atomically, then forces the folder so the rename itself survives a
 * power cut. A reader therefore sees either the old file or the new one, never a torn one; a
 * crash leaves at most a stray {@code .<name>.tmp-<hex>} file, which {@link #isTempFile(Path)}
 * recognizes so start-up can delete it.
 *
 * <p>{@link #DURABLE} is what the runtime uses. {@link #NO_FSYNC} keeps the atomic rename but
 * skips the forces; it exists for benchmarks that measure the cost of durability and for
 * throw-away test workspaces. Thread-safe.
 */
public final class AtomicFiles {
    /** Atomic and durable: fsync of the file and of its folder. */
    public static final AtomicFiles DURABLE = new AtomicFiles(true);
    /** Atomic but not durable: no fsync. For benchmarks and scratch workspaces only. */
    public static final AtomicFiles NO_FSYNC = new AtomicFiles(false);

    private static final String TEMP_MARKER = ".tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean fsync;

    private AtomicFiles(boolean fsync) {
        this.fsync = fsync;
    }

    /**
     * Tells whether this instance forces writes to disk.
     *
     * @return true for {@link #DURABLE}
     */
    public boolean isDurable() {
        return fsync;
    }

    /**
     * Atomically replaces (or creates) a file.
     *
     * @param target the file; its folder is created when missing
     * @param content the bytes
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} naming the file
     */
    public void write(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + TEMP_MARKER + randomHex());
        try {
            try (FileChannel ch = openNew(temp, dir)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically in " + dir, e);
            }
            if (fsync) {
                forceDirectory(dir);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Atomically replaces (or creates) a text file, encoded as UTF-8.
     *
     * @param target the file
     * @param content the text
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} naming the file
     */
    public void write(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates a file with complete content only if no file of that name exists; never replaces one.
     *
     * <p>The content goes to a temp file first (forced for {@link #DURABLE}), which is then hard-linked
     * to the target name; linking fails when the name is taken, so an existing file, even one
     * created concurrently, is never overwritten and a reader never sees a partial file. Where the
     * file system has no hard links, the temp file is renamed after an existence check instead.
     *
     * @param target the file; its folder is created when missing
     * @param content the bytes
     * @return true if this call created the file, false if it already existed
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} naming the file
     */
    public boolean writeIfAbsent(Path target, byte[] content) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + TEMP_MARKER + randomHex());
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            boolean created;
            try {
                Files.createLink(target, temp);
                created = true;
            } catch (FileAlreadyExistsException e) {
                created = false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // No hard links here (some FUSE or FAT mounts): check, then rename.
                created = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
                if (created) {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            deleteQuietly(temp);
            if (created && fsync) {
                forceDirectory(dir);
            }
            return created;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot create " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a file that must not exist yet, durably; the creation is the claim (used for locks).
     *
     * @param target the file
     * @param content the bytes
     * @return true if this call created it, false if it already existed
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} on any other failure
     */
    public boolean createExclusive(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            if (fsync) {
                forceDirectory(dir);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot create " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends bytes to a file (creating it when missing) and forces them to disk, for append-only
     * logs such as journals and ledgers. A crash can leave a torn last line; readers must repair it.
     *
     * @param target the file
     * @param content the bytes, normally one newline-terminated line
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} naming the file
     */
    public void append(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            boolean created = !Files.exists(target);
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                if (fsync) {
                    ch.force(false);
                }
            }
            if (fsync && created) {
                forceDirectory(dir);
            }
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot append to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves a file to a new name atomically and durably (both folders forced). Used to move work
     * documents between queue folders.
     *
     * @param source the existing file
     * @param target the new path; must not exist
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} when the move fails
     */
    public void move(Path source, Path target) {
        try {
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // The target folder may be missing; creating it up front would cost an exception
                // on every move (createDirectories reports an existing folder by throwing).
                Path parent = target.toAbsolutePath().getParent();
                if (!Files.exists(source) || Files.isDirectory(parent)) {
                    throw e;
                }
                Files.createDirectories(parent);
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            }
            if (fsync) {
                forceDirectory(target.toAbsolutePath().getParent());
                Path sourceDir = source.toAbsolutePath().getParent();
                if (!sourceDir.equals(target.toAbsolutePath().getParent())) {
                    forceDirectory(sourceDir);
                }
            }
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED,
                    "cannot move " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a file durably if it exists.
     *
     * @param target the file
     * @return true if it existed
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} when deletion fails
     */
    public boolean delete(Path target) {
        try {
            boolean existed = Files.deleteIfExists(target);
            if (existed && fsync) {
                forceDirectory(target.toAbsolutePath().getParent());
            }
            return existed;
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot delete " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forces a file or folder that was written without fsync to disk (a checkpoint of a redo
     * journal). Does nothing when this instance is not durable or the path no longer exists.
     *
     * @param path a file or folder
     * @throws MillraceException with {@link ErrorCode#STORAGE_FAILED} when the force fails
     */
    public void force(Path path) {
        if (!fsync || !Files.exists(path)) {
            return;
        }
        try {
            if (Files.isDirectory(path)) {
                forceDirectory(path);
            } else {
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            }
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot force " + path + " to disk: " + e.getMessage(), e);
        }
    }

    /**
     * Tells whether a path is a temp file left by an interrupted {@link #write(Path, byte[])}.
     *
     * @param path a path
     * @return true for names like {@code .snapshot.json.tmp-<hex>}
     */
    public static boolean isTempFile(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") && name.contains(TEMP_MARKER);
    }

    // The folder almost always exists: create it only when the open says it is missing.
    private static FileChannel openNew(Path temp, Path dir) throws IOException {
        try {
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(dir);
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or force a directory; the rename is still atomic there.
            if (!isUnsupportedDirectoryForce(e)) {
                throw e;
            }
        }
    }

    private static boolean isUnsupportedDirectoryForce(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Is a directory") || message.contains("Invalid argument");
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // The temp file is recognizable by name and removed at the next start.
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
