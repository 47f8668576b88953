package io.ticklane.backtest;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a strategy for {@code --strategy CLASS [--strategy-jar JAR] [--param K=V ...]}: a class on the classpath or
 * in the jar, implementing {@link Strategy}, with a public constructor taking a {@link StrategyParameters} or none.
 * The samples have short names: {@code market-maker} and {@code taker}. Every failure is one line naming the class
 * or jar and what is wrong.
 */
public final class StrategyLoader
{
    private static final Map<String, String> ALIASES = Map.of(
        "market-maker", "io.ticklane.backtest.samples.QuotingMarketMaker",
        "taker", "io.ticklane.backtest.samples.SimpleTaker");

    private StrategyLoader()
    {
    }

    /**
     * @param className  a class name or a sample's short name.
     * @param jar        a jar to load it from, or null for the classpath.
     * @param parameters its parameters.
     * @return a new instance.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static Strategy load(final String className, final Path jar, final StrategyParameters parameters)
    {
        final String name = ALIASES.getOrDefault(className, className);
        final ClassLoader loader;
        if (null != jar)
        {
            if (!Files.isReadable(jar))
            {
                throw new IllegalArgumentException("--strategy-jar " + jar + ": no such file");
            }
            try
            {
                loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, StrategyLoader.class.getClassLoader());
            }
            catch (final MalformedURLException ex)
            {
                throw new IllegalArgumentException("--strategy-jar " + jar + ": " + ex.getMessage());
            }
        }
        else
        {
            loader = StrategyLoader.class.getClassLoader();
        }
        final Class<?> type;
        try
        {
            type = Class.forName(name, true, loader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new IllegalArgumentException("--strategy " + className + ": class not found" +
                (null == jar ? " on the classpath (give --strategy-jar JAR?)" : " in " + jar) +
                "; samples: " + String.join(", ", ALIASES.keySet().stream().sorted().toList()));
        }
        if (!Strategy.class.isAssignableFrom(type))
        {
            throw new IllegalArgumentException("--strategy " + name + ": does not implement " +
                Strategy.class.getName());
        }
        try
        {
            try
            {
                final Constructor<?> withParameters = type.getConstructor(StrategyParameters.class);
                return (Strategy)withParameters.newInstance(parameters);
            }
            catch (final NoSuchMethodException ex)
            {
                return (Strategy)type.getConstructor().newInstance();
            }
        }
        catch (final NoSuchMethodException ex)
        {
            throw new IllegalArgumentException("--strategy " + name + ": needs a public constructor taking " +
                "StrategyParameters or nothing");
        }
        catch (final InvocationTargetException ex)
        {
            final Throwable cause = ex.getCause();
            throw new IllegalArgumentException("--strategy " + name + ": constructor failed: " +
                (cause instanceof IllegalArgumentException ? cause.getMessage() : String.valueOf(cause)));
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalArgumentException("--strategy " + name + ": cannot instantiate: " + ex);
        }
    }
}
