package io.auditgap.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small JSON Schema checker for the keywords {@code docs/report-schema.json} uses:
 * {@code type}, {@code const}, {@code enum}, {@code required}, {@code properties}, {@code
 * additionalProperties}, {@code items}, {@code minimum} and local {@code $ref}s. It exists so the
 * schema test needs no new dependency; unknown keywords are ignored.
 */
final class MiniSchema {
  private final JsonNode root;

  MiniSchema(JsonNode root) {
    this.root = root;
  }

  List<String> validate(JsonNode instance) {
    List<String> errors = new ArrayList<>();
    check(root, instance, "$", errors);
    return errors;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        errors.add(path + ": unsupported $ref " + ref);
        return;
      }
      JsonNode target = root;
      for (String part : ref.substring(2).split("/")) {
        target = target.get(part);
        if (target == null) {
          errors.add(path + ": dangling $ref " + ref);
          return;
        }
      }
      check(target, value, path, errors);
    }
    if (schema.has("const") && !schema.get("const").equals(value)) {
      errors.add(path + ": expected const " + schema.get("const") + " but was " + value);
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      if (!found) {
        errors.add(path + ": " + value + " not in enum " + schema.get("enum"));
      }
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
      errors.add(
          path + ": expected type " + schema.get("type") + " but was " + value.getNodeType());
      return;
    }
    if (schema.has("minimum")
        && value.isNumber()
        && value.asLong() < schema.get("minimum").asLong()) {
      errors.add(path + ": below minimum");
    }
    if (value.isObject()) {
      if (schema.has("required")) {
        for (JsonNode r : schema.get("required")) {
          if (!value.has(r.asText())) {
            errors.add(path + ": missing required '" + r.asText() + "'");
          }
        }
      }
      JsonNode props = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path + "." + e.getKey();
        if (props != null && props.has(e.getKey())) {
          check(props.get(e.getKey()), e.getValue(), p, errors);
        } else if (additional != null) {
          if (additional.isBoolean()) {
            if (!additional.asBoolean()) {
              errors.add(p + ": additional property not allowed");
            }
          } else {
            check(additional, e.getValue(), p, errors);
          }
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, value)) {
          return true;
        }
      }
      return false;
    }
    switch (type.asText()) {
      case "object":
        return value.isObject();
      case "array":
        return value.isArray();
      case "string":
        return value.isTextual();
      case "integer":
        return value.isIntegralNumber();
      case "number":
        return value.isNumber();
      case "boolean":
        return value.isBoolean();
      case "null":
        return value.isNull();
      default:
        return false;
    }
  }
}
