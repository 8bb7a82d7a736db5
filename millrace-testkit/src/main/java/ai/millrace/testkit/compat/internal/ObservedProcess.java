package ai.millrace.testkit.compat.internal;

/**
 * A process the kit saw while a run was going on.
 *
 * @param handle the process
 * @param parentPid the parent's pid when first seen, or -1 when unknown
 * @param grandchild true when its parent was not the test JVM itself
 * @param command its command line when first seen, for messages
 */
public record ObservedProcess(ProcessHandle handle, long parentPid, boolean grandchild, String command) {

    /**
     * Describes the process for a failure message.
     *
     * @return pid, parent and command
     */
    public String describe() {
        return "pid " + handle.pid() + " (parent " + parentPid + (grandchild ? ", grandchild" : ", child") + "): "
                + command;
    }
}
