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
 * Text shown to others (titles, descriptions, report details, search text): no control character
 * except tab and line breaks. NUL and unpaired surrogates are refused for every field already, by
 * common-lib's input rules at the JSON reader and the request filter; this adds the rest of the C0
 * controls, which have no business in a course title.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, CharSequence> {

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
