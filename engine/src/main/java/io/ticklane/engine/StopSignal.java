package io.ticklane.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a request to stop, so that a long-running command (run, demo, feed, stat, console) shuts
 * down cleanly, prints what it prints at the end and exits 0.
 * <p>
 * Where the JDK's {@code sun.misc.Signal} is available, INT and TERM are handled directly: the JVM does not begin its
 * own signal shutdown (which would end the process with status 130 or 143 whatever the command returns). The
 * previous handlers come back when the command is done. A second signal, or a shutdown still not finished
 * {@value #EXIT_GRACE_MS} ms after the first, exits at once with the JVM's usual status (128 + signal number).
 * Where it is not available, a shutdown hook holds JVM exit until the main thread has shut down (bounded the same
 * way); the exit status is then the JVM's.
 * <p>
 * Made and finished by the command's main thread; the signal arrives on a JVM thread.
 */
final class StopSignal
{
    private static final long EXIT_GRACE_MS = 15_000;
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Signals signals;
    private final Thread hook;

    StopSignal()
    {
        signals = Signals.install(this::onSignal);
        if (null == signals)
        {
            hook = new Thread(() ->
            {
                stopRequested.countDown();
                awaitFinished();
            }, "ticklane-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        else
        {
            hook = null;
        }
    }

    private void onSignal(final int number)
    {
        if (stopRequested.getCount() > 0)
        {
            stopRequested.countDown();
            final Thread watchdog = new Thread(() ->
            {
                if (!awaitFinished())
                {
                    exitNow(number, "shutdown did not finish within " + EXIT_GRACE_MS + " ms of the signal");
                }
            }, "ticklane-stop-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        else
        {
            exitNow(number, "second signal");
        }
    }

    private static void exitNow(final int number, final String why)
    {
        System.err.println("[engine] stopping at once: " + why);
        System.exit(128 + number);
    }

    private boolean awaitFinished()
    {
        try
        {
            return finished.await(EXIT_GRACE_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param timeoutNs most time to wait.
     * @return true when a stop was requested, false on timeout.
     */
    boolean await(final long timeoutNs)
    {
        try
        {
            return stopRequested.await(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * @return true once a stop was requested.
     */
    boolean requested()
    {
        return stopRequested.getCount() == 0;
    }

    /**
     * The main thread is done: put the previous signal handlers back (or drop the hook when no signal came), and let
     * a shutdown in progress complete.
     */
    void finished()
    {
        finished.countDown();
        if (null != signals)
        {
            signals.restore();
        }
        else if (!requested())
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignore)
            {
                // shutdown already in progress
            }
        }
    }

    /** Receives a signal's number. */
    @FunctionalInterface
    interface SignalListener
    {
        void onSignal(int number);
    }

    /**
     * INT and TERM handlers installed through {@code sun.misc.Signal}, reached by reflection so that a JDK without it
     * (or one that refuses the signals, e.g. under {@code -Xrs}) falls back to the shutdown hook.
     */
    private static final class Signals
    {
        private final Method handle;
        private final List<Object> signals;
        private final List<Object> previous;

        private Signals(final Method handle, final List<Object> signals, final List<Object> previous)
        {
            this.handle = handle;
            this.signals = signals;
            this.previous = previous;
        }

        static Signals install(final SignalListener listener)
        {
            final List<Object> installed = new ArrayList<>();
            final List<Object> previous = new ArrayList<>();
            Method handle = null;
            try
            {
                final Class<?> signalClass = Class.forName("sun.misc.Signal");
                final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
                final Constructor<?> newSignal = signalClass.getConstructor(String.class);
                final Method number = signalClass.getMethod("getNumber");
                handle = signalClass.getMethod("handle", signalClass, handlerClass);
                final InvocationHandler onSignal = (proxy, method, args) ->
                {
                    switch (method.getName())
                    {
                        case "handle":
                            listener.onSignal((Integer)number.invoke(args[0]));
                            return null;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            return "ticklane stop handler";
                    }
                };
                final Object handler = Proxy.newProxyInstance(
                    StopSignal.class.getClassLoader(), new Class<?>[]{handlerClass}, onSignal);
                for (final String name : SIGNALS)
                {
                    final Object signal = newSignal.newInstance(name);
                    previous.add(handle.invoke(null, signal, handler));
                    installed.add(signal);
                }
                return new Signals(handle, installed, previous);
            }
            catch (final ReflectiveOperationException | RuntimeException | LinkageError ex)
            {
                if (null != handle)
                {
                    new Signals(handle, installed, previous).restore();
                }
                return null;
            }
        }

        void restore()
        {
            for (int i = 0; i < signals.size(); i++)
            {
                try
                {
                    handle.invoke(null, signals.get(i), previous.get(i));
                }
                catch (final ReflectiveOperationException | RuntimeException ignore)
                {
                    // the JVM keeps our handler, which only counts down a latch nobody waits on any more
                }
            }
        }
    }
}
