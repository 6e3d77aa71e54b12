package com.linkwithmentor.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A manifest read into the Kubernetes API's own types (Fabric8's model, generated from the API's
 * OpenAPI schema), with nothing left over: Fabric8 keeps a field it does not know (a typo, a field
 * at the wrong level, a value of the wrong type) in the object's {@code additionalProperties}
 * instead of failing, so this walks the whole object and refuses any such field by its path. A
 * kind the model does not know (a custom resource) is refused too.
 */
final class StrictKubernetes {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictKubernetes() {
    }

    static HasMetadata parse(JsonNode manifest, String source) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(manifest.toString());
        }
        catch (RuntimeException ex) {
            throw new AssertionError(source + ": not a valid " + manifest.path("kind").asText() + ": " + ex.getMessage(), ex);
        }
        if (parsed instanceof GenericKubernetesResource || !(parsed instanceof HasMetadata resource)) {
            throw new AssertionError(source + ": " + manifest.path("apiVersion").asText() + " " + manifest.path("kind").asText()
                    + " is not a type of the Kubernetes API");
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(resource, resource.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(source + ": fields the Kubernetes API does not have: " + unknown);
        }
        return resource;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknown(item, path + "." + key, unknown));
            return;
        }
        if (!(value instanceof KubernetesResource) || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return; // a String, number, Quantity, IntOrString...
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            }
            catch (IllegalAccessException | InvocationTargetException ex) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
                continue;
            }
            String property = getter.getName().startsWith("get") ? getter.getName().substring(3) : getter.getName().substring(2);
            collectUnknown(child, path + "." + Character.toLowerCase(property.charAt(0)) + property.substring(1), unknown);
        }
    }
}
