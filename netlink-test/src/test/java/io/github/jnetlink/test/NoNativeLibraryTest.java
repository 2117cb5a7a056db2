package io.github.jnetlink.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fake kernel needs no native library: {@link FakeKernelProgram} runs in a child JVM whose class path is only the
 * classes of netlink-core and netlink-test, without jnr-ffi, jffi or asm, and the classes that bind the C library
 * ({@code io.github.jnetlink.internal.Native}, {@code LibC}, {@code NetlinkSocket}) are never loaded.
 */
class NoNativeLibraryTest {

    /** The classes of the native transport. {@code internal.Errno}, a table of errno names, needs no native code. */
    static final List<String> NATIVE_CLASSES = List.of("io.github.jnetlink.internal.Native", "io.github.jnetlink.internal.LibC",
            "io.github.jnetlink.internal.NetlinkSocket", "jnr.", "com.kenai.jffi.");

    static String classPath() throws URISyntaxException {
        // where the classes come from: target/classes in a reactor build, the installed jar otherwise; never a jnr jar
        List<Path> entries = List.of(location(Conn.class), location(FakeKernel.class), location(FakeKernelProgram.class));
        assertThat(entries).noneSatisfy(p -> assertThat(p.toString()).containsAnyOf("jnr", "jffi", "asm"));
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).distinct().toList());
    }

    static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static List<String> run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xlog:class+load=info:stdout", "-cp", classPath(),
                FakeKernelProgram.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    @Test
    void aFakeKernelProgramRunsWithoutJnrFfiAndNeverLoadsTheNativeTransport() throws Exception {
        List<String> lines = run();

        assertThat(lines).filteredOn(l -> l.startsWith("RESULT ")).containsExactly(
                "RESULT transport=fake links=5 error=ENODEV/Cannot find device group=1 index=7");
        assertThat(lines).filteredOn(l -> l.contains("[class,load]"))
                .as("classes loaded").isNotEmpty()
                .noneSatisfy(l -> assertThat(NATIVE_CLASSES).anySatisfy(c -> assertThat(l).contains("] " + c)));
    }

    @Test
    void theChildClassPathReallyLacksJnrFfi() throws Exception {
        // the control: the same class path cannot open a real socket, so the test above proves something
        List<String> lines = run("dial");
        assertThat(lines).filteredOn(l -> l.startsWith("RESULT ")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("RESULT failed"))
                .anySatisfy(l -> assertThat(l).contains("jnr"));
    }
}
