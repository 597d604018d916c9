package org.drcorl.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds calls of DJL's arithmetic with a {@code Number} operand whose backward pass keeps that
 * operand ({@code mul}, {@code div}, {@code maximum}, {@code minimum}, {@code pow} and their
 * in-place forms), by reading compiled classes. DJL 0.33 makes such an operand a tensor over a
 * Java buffer it frees at once; a garbage collection before the backward pass turns the gradient
 * into garbage. Code that may run inside a gradient computation uses {@link org.drcorl.spi.Constants}.
 */
public final class NumberOperands {
    private static final Set<String> KEPT_BY_BACKWARD = Set.of("mul", "div", "maximum", "minimum", "pow", "muli", "divi", "powi");

    private NumberOperands() {}

    /** Each offending call in {@code type}'s own class file, as "Class.method calls NDArray.mul(Number)". */
    public static List<String> in(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            // a class defined in memory (a notebook's, a JShell snippet's) has no class file to read
            if (in == null) return List.of();
            return in(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each offending call in every class file under {@code classes} (a build's output directory). */
    public static List<String> under(Path classes) {
        if (!Files.isDirectory(classes)) throw new IllegalStateException("no class directory " + classes.toAbsolutePath());
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) found.addAll(in(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> in(byte[] classFile) {
        ClassModel model = ClassFile.of().parse(classFile);
        String owner = model.thisClass().asInternalName().replace('/', '.');
        List<String> found = new ArrayList<>();
        model.methods().forEach(method -> method.code().ifPresent(code -> code.forEach(element -> {
            if (element instanceof InvokeInstruction call && call.owner().asInternalName().startsWith("ai/djl/")
                    && KEPT_BY_BACKWARD.contains(call.name().stringValue())
                    && call.typeSymbol().parameterList().stream().anyMatch(p -> p.descriptorString().equals("Ljava/lang/Number;"))) {
                String callee = call.owner().asInternalName();
                found.add(owner + "." + method.methodName().stringValue() + " calls "
                        + callee.substring(callee.lastIndexOf('/') + 1) + "." + call.name().stringValue() + "(Number)");
            }
        })));
        return found;
    }
}
