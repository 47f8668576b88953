package io.ticklane.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal-media check of {@code engine doctor}, on recorded mounts tables: the longest mount point holding the
 * directory decides; tmpfs without huge pages warns, with them it is fine; a disk file system is information.
 */
class JournalMediaTest
{
    @TempDir
    Path dir;

    private JournalMedia check(final String journal, final String... mounts) throws Exception
    {
        final Path table = dir.resolve("mounts");
        Files.write(table, java.util.List.of(mounts));
        return JournalMedia.check(Path.of(journal), table);
    }

    @Test
    void tmpfsWithoutHugePagesWarnsAndSaysHowToMountIt() throws Exception
    {
        final JournalMedia media = check("/dev/shm/ticklane/journal", "/dev/vda / ext4 rw,relatime 0 0",
            "tmpfs /dev/shm tmpfs rw,relatime,size=24683548k 0 0");
        assertEquals("WARN", media.status(), media::toString);
        assertTrue(media.value().startsWith("tmpfs on /dev/shm, huge=never"), media::toString);
        assertTrue(media.advice().contains("huge=always"), media::toString);
    }

    @Test
    void tmpfsWithHugePagesIsFineAndTheLongestMountPointWins() throws Exception
    {
        final JournalMedia media = check("/dev/shm/huge/journal", "tmpfs /dev/shm tmpfs rw 0 0",
            "tmpfs /dev/shm/huge tmpfs rw,relatime,size=8g,huge=always 0 0", "tmpfs /dev/shm/hugepages tmpfs rw 0 0");
        assertEquals("OK", media.status(), media::toString);
        assertTrue(media.value().contains("/dev/shm/huge, huge=always"), media::toString);
    }

    @Test
    void aDiskFileSystemIsInformation() throws Exception
    {
        final JournalMedia media = check("/data/journal", "/dev/vda / ext4 rw,relatime 0 0",
            "tmpfs /dev/shm tmpfs rw 0 0");
        assertEquals("INFO", media.status(), media::toString);
        assertTrue(media.value().startsWith("ext4 on /"), media::toString);
    }
}
