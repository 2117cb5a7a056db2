package io.github.jnetlink.autoconfigure;

/**
 * The receive loop of one {@code netlink.connections.NAME} entry, as an application controls it: found by connection
 * name in the {@link NetlinkListenerContainerRegistry}. A container with {@code listener.auto-startup=false} is created
 * with the context but started only by {@link #start()}, e.g. once this instance won a leader election.
 *
 * <p>The kernel keeps nothing for a socket that is not open: notifications sent while a container is stopped or paused
 * are lost. {@link #resume()} therefore opens a new socket and publishes a {@link NetlinkResumeResyncEvent} before the
 * first notification it receives, so that a mirror of kernel state dumps again.
 */
public interface NetlinkListenerContainer {

    /** @return the name of the connection, {@code NAME} of {@code netlink.connections.NAME} */
    String getConnectionName();

    /**
     * Opens the socket, joins the groups and starts the receive thread. Does nothing while running, paused included
     * (use {@link #resume()}).
     *
     * @throws NetlinkStartupException when the socket cannot be opened or joined
     */
    void start();

    /**
     * Closes the socket and ends the receive thread, waiting for a listener still running (up to
     * {@code spring.lifecycle.timeout-per-shutdown-phase} when set, else one second, then interrupting it); also ends a
     * pause. Does nothing when stopped.
     */
    void stop();

    /**
     * Stops delivering notifications: closes the socket and ends the receive thread like {@link #stop()}, but the
     * container stays running and paused until {@link #resume()}. Does nothing when stopped or already paused.
     */
    void pause();

    /**
     * Delivers notifications again after {@link #pause()}: opens and joins a new socket, and publishes a
     * {@link NetlinkResumeResyncEvent} on the receive thread before any notification. Does nothing unless paused.
     *
     * @throws NetlinkStartupException when the new socket cannot be opened or joined; the container stays paused
     */
    void resume();

    /** @return whether the container was started and not stopped since; true while paused */
    boolean isRunning();

    /** @return whether the container is paused: running, but with no socket and delivering nothing */
    boolean isPaused();

    /**
     * @return whether the container starts with the application context
     *         ({@code netlink.connections.NAME.listener.auto-startup}, true unless set)
     */
    boolean isAutoStartup();
}
