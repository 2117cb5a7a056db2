package io.github.jnetlink.testing;

import java.io.File;

/** This process's open file descriptors, for tests that prove nothing leaks. */
public final class FileDescriptors {

    private FileDescriptors() {
    }

    /** @return the number of open file descriptors of this process, -1 where /proc/self/fd cannot be read */
    public static int count() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
