/**
 * The web client at "/": its built files come from the {@code web-client} jar on the classpath
 * (under {@code META-INF/resources}, Spring's default static location), and a browser's navigation
 * to any of the app's own paths gets its {@code index.html}, so deep links and reloads work.
 */
@NullMarked
package com.linkwithmentor.gateway.webapp;

import org.jspecify.annotations.NullMarked;
