package io.ticklane.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Recorded fixture trees kept on the class path (this module's {@code hosts/}: the {@code /sys} and {@code /proc}
 * parts of real and hand-written hosts, see {@code hosts/README.md}), as directories a test can hand to code that
 * reads files. Found through the class path, never through the working directory, so a test finds them whichever
 * directory the build runs from; a tree inside a jar is copied out once to a temporary directory.
 * <p>
 * Any thread.
 */
public final class Fixtures
{
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private Fixtures()
    {
    }

    /**
     * @param name a recorded host under {@code hosts/}, e.g. {@code vm-2core}.
     * @return its root directory (holding {@code sys/} and {@code proc/}).
     */
    public static Path host(final String name)
    {
        return directory("/hosts/" + name);
    }

    /**
     * @param resource absolute class path name of a directory, e.g. {@code /hosts/vm-2core}.
     * @return that directory on the file system.
     * @throws IllegalArgumentException when the class path has no such directory.
     */
    public static Path directory(final String resource)
    {
        final URL url = Fixtures.class.getResource(resource);
        if (null == url)
        {
            throw new IllegalArgumentException("no fixture directory " + resource + " on the class path");
        }
        try
        {
            final URI uri = url.toURI();
            if ("file".equals(uri.getScheme()))
            {
                return Path.of(uri);
            }
            return EXTRACTED.computeIfAbsent(resource, r -> extract(uri));
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("fixture " + resource + " has no usable URL: " + url, ex);
        }
    }

    private static Path extract(final URI uri)
    {
        try
        {
            final Path target = Files.createTempDirectory("ticklane-fixture");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
            final FileSystem jar = jarFileSystem(uri);
            final Path source = jar.provider().getPath(uri);
            try (Stream<Path> tree = Files.walk(source))
            {
                for (final Path from : (Iterable<Path>)tree::iterator)
                {
                    final Path to = target.resolve(source.relativize(from).toString());
                    if (Files.isDirectory(from))
                    {
                        Files.createDirectories(to);
                    }
                    else
                    {
                        Files.copy(from, to);
                    }
                }
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy fixture " + uri + " out of its jar", ex);
        }
    }

    private static FileSystem jarFileSystem(final URI uri) throws IOException
    {
        try
        {
            return FileSystems.newFileSystem(uri, Map.of());
        }
        catch (final FileSystemAlreadyExistsException ex)
        {
            return FileSystems.getFileSystem(uri);
        }
    }

    private static void delete(final Path root)
    {
        try (Stream<Path> tree = Files.walk(root))
        {
            final List<Path> all = tree.sorted(Comparator.reverseOrder()).toList();
            for (final Path path : all)
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ignore)
        {
            // a temporary directory left behind is harmless
        }
    }
}
