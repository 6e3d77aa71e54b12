/**
 * Suspensions from user-service ({@code events.users}) and moderation-service ({@code events.moderation}): a suspended user's live calls end, their TURN credentials are deleted, and they may not call again until reinstated.
 */
@NullMarked
package com.linkwithmentor.signaling.suspension;

import org.jspecify.annotations.NullMarked;
