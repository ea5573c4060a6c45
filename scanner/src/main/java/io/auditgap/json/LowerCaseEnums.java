package io.auditgap.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Enums are their lower-case names ({@code not_applicable}, {@code auth_failed}) in every file, and
 * are read back only from exactly that spelling: {@code PASS} in a report is a mistake to name, not
 * to guess. Written with {@code EnumFeature.WRITE_ENUMS_TO_LOWERCASE}; Jackson has no strict
 * lower-case reading, hence this module. Enums that declare their own {@code @JsonValue} or
 * {@code @JsonCreator} (the probe's {@code open-not-ssh}) keep them.
 */
final class LowerCaseEnums extends SimpleModule {
  private static final long serialVersionUID = 1L;

  LowerCaseEnums() {
    super("LowerCaseEnums");
    setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyEnumDeserializer(
              DeserializationConfig config,
              JavaType type,
              BeanDescription beanDesc,
              JsonDeserializer<?> deserializer) {
            return declaresOwnJson(type.getRawClass())
                ? deserializer
                : new Strict(type.getRawClass());
          }
        });
  }

  private static boolean declaresOwnJson(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.isAnnotationPresent(JsonValue.class) || m.isAnnotationPresent(JsonCreator.class)) {
        return true;
      }
    }
    return false;
  }

  private static final class Strict extends StdScalarDeserializer<Enum<?>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    Strict(Class<?> type) {
      super((Class<Enum<?>>) type);
    }

    @Override
    public Enum<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Enum<?>) ctxt.handleUnexpectedToken(handledType(), p);
      }
      String id = p.getText();
      for (Object e : handledType().getEnumConstants()) {
        if (((Enum<?>) e).name().toLowerCase(Locale.ROOT).equals(id)) {
          return (Enum<?>) e;
        }
      }
      return (Enum<?>) ctxt.handleWeirdStringValue(handledType(), id, "not one of its ids");
    }
  }
}
