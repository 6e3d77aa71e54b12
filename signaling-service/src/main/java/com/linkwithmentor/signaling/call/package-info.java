/**
 * Calls: the record (who was rung, who joined, how it ended), its REST API and its clock (ring timeouts, rejoin grace). A {@link com.linkwithmentor.signaling.call.Call} owns its transitions; {@code CallRepository} stores them with {@code JdbcClient} under a row lock.
 */
@NullMarked
package com.linkwithmentor.signaling.call;

import org.jspecify.annotations.NullMarked;
