package io.github.jnetlink.internal;

import java.util.function.IntConsumer;

/**
 * Runs the creation of a socket descriptor on a short-lived platform thread named {@code netlink-netns-dial}, which
 * may enter another network namespace and ends with it (see {@link NetnsDialer}), and hands the descriptor back.
 *
 * <p>Public only so that the transport modules over other native bindings dial as this one does; not an API.
 */
public final class DialingThread {

    /** The work of the dialling thread: enter the namespace, create the socket. */
    @FunctionalInterface
    public interface Dial {
        /**
         * @return the new descriptor
         * @throws RuntimeException when a call fails; nothing may be left open then
         */
        int socket();
    }

    private DialingThread() {
    }

    /**
     * Runs {@code dial} on its own thread and waits for it, also when interrupted (leaving early would leak the
     * socket; the interrupt status is restored).
     *
     * @param dial  the work
     * @param close closes a descriptor, should the work fail after making one
     * @return the descriptor, owned by the caller
     * @throws RuntimeException what {@code dial} threw
     */
    public static int run(Dial dial, IntConsumer close) {
        int[] fd = {-1};
        Throwable[] failure = {null};
        Thread thread = new Thread(() -> {
            try {
                fd[0] = dial.socket();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "netlink-netns-dial");
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // the socket is being created; leaving now would leak it
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // join() orders the thread's writes before these reads
        if (failure[0] != null && fd[0] >= 0) {
            close.accept(fd[0]);
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("open: creating the socket failed", failure[0]);
        }
        return fd[0];
    }
}
