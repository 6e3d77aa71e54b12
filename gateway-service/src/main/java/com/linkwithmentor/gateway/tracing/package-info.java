/** The gateway's part of a trace: every routed request carries its trace context to the service. */
@NullMarked
package com.linkwithmentor.gateway.tracing;

import org.jspecify.annotations.NullMarked;
