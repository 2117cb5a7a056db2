package io.github.jnetlink.ynl;

import io.github.jnetlink.NetlinkException;

/**
 * A YNL spec that cannot be used: unreadable YAML, a key its schema does not allow, a reference to a definition or
 * attribute set that does not exist. The message names the spec's file, the path within it (such as
 * {@code attribute-sets[2].attributes[5].type}) and the problem.
 */
public final class YnlSpecException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;

    /**
     * @param source  the spec's file name, or the name it was loaded under
     * @param path    where in the spec, in the notation {@code key[index].key}; empty for the whole document
     * @param problem what is wrong there
     */
    public YnlSpecException(String source, String path, String problem) {
        super(source + (path.isEmpty() ? "" : ": " + path) + ": " + problem);
        this.source = source;
        this.path = path;
    }

    /** @return the spec's file name, or the name it was loaded under */
    public String source() {
        return source;
    }

    /** @return where in the spec the problem is; empty for the whole document */
    public String path() {
        return path;
    }
}
