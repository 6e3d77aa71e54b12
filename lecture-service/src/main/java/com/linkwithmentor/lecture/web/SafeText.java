package com.linkwithmentor.lecture.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text this service stores or searches: no NUL (PostgreSQL refuses it), no unpaired surrogate (it
 * would be stored as '?', changing what the user sent), no other control character except tab and
 * line breaks. Every String of every request record and text query parameter carries it, so no
 * such text reaches SQL.
 */
@Documented
@Constraint(validatedBy = SafeText.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeText {

    String message() default "must not contain NUL, control characters or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SafeText, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || isSafe(value);
        }

        static boolean isSafe(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                }
                else if (Character.isLowSurrogate(c)) {
                    return false;
                }
                else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                    return false;
                }
            }
            return true;
        }
    }

}
