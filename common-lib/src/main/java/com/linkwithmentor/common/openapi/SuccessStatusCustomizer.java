package com.linkwithmentor.common.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the success status a handler really answers with. Handlers here build a
 * {@code ResponseEntity} ({@code created(uri)}, {@code noContent()}, {@code status(ACCEPTED)}),
 * which springdoc cannot see, so it documented every one as 200. The handler's own bytecode says
 * which statuses it can build: each becomes a response (201 and 202 with the body springdoc found,
 * 204 without), and 200 stays only if the handler can answer it too. A handler that builds its
 * answer elsewhere keeps springdoc's 200; {@code @ResponseStatus} is left to springdoc.
 */
class SuccessStatusCustomizer implements GlobalOperationCustomizer {

    private static final String RESPONSE_ENTITY = Type.getInternalName(ResponseEntity.class);

    private static final String HTTP_STATUS = Type.getInternalName(HttpStatus.class);

    private final Map<Method, TreeSet<Integer>> statuses = new ConcurrentHashMap<>();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.getMethod().getReturnType() != ResponseEntity.class
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), ResponseStatus.class)) {
            return operation;
        }
        TreeSet<Integer> built = statuses.computeIfAbsent(handler.getMethod(), SuccessStatusCustomizer::statusesBuilt);
        ApiResponses responses = operation.getResponses();
        if (built.isEmpty() || responses == null || responses.get("200") == null) {
            return operation;
        }
        ApiResponse ok = responses.get("200");
        for (int status : built) {
            if (status == 200 || responses.containsKey(Integer.toString(status))) {
                continue;
            }
            HttpStatus known = HttpStatus.resolve(status);
            ApiResponse response = new ApiResponse().description(known != null ? known.getReasonPhrase() : "Success");
            if (status != 204) {
                response.setContent(ok.getContent());
            }
            responses.addApiResponse(Integer.toString(status), response);
        }
        if (!built.contains(200)) {
            responses.remove("200");
        }
        return operation;
    }

    /** The 2xx statuses the method's own code names: ResponseEntity's factories and HttpStatus constants. */
    static TreeSet<Integer> statusesBuilt(Method method) {
        TreeSet<Integer> found = new TreeSet<>();
        Class<?> owner = method.getDeclaringClass();
        String resource = owner.getName().replace('.', '/') + ".class";
        ClassLoader loader = owner.getClassLoader() != null ? owner.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return found;
            }
            String descriptor = Type.getMethodDescriptor(method);
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                    if (!name.equals(method.getName()) || !desc.equals(descriptor)) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String insnOwner, String insnName, String insnDesc, boolean itf) {
                            if (insnOwner.equals(RESPONSE_ENTITY)) {
                                switch (insnName) {
                                    case "ok" -> found.add(200);
                                    case "created" -> found.add(201);
                                    case "accepted" -> found.add(202);
                                    case "noContent" -> found.add(204);
                                    default -> {
                                    }
                                }
                            }
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String insnOwner, String insnName, String insnDesc) {
                            if (opcode == Opcodes.GETSTATIC && insnOwner.equals(HTTP_STATUS)) {
                                try {
                                    HttpStatus status = HttpStatus.valueOf(insnName);
                                    if (status.is2xxSuccessful()) {
                                        found.add(status.value());
                                    }
                                }
                                catch (IllegalArgumentException ex) {
                                    // not a status constant
                                }
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        catch (IOException | RuntimeException ex) {
            // unreadable bytecode: keep what springdoc said
        }
        return found;
    }
}
