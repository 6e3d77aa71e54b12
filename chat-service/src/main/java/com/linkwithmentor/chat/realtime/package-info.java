/**
 * Chat's WebSocket, {@code /ws/chat}, on the fleet's socket layer ({@code com.linkwithmentor.realtime}):
 * {@link com.linkwithmentor.chat.realtime.ChatSocket} is the protocol (admission, what a new socket
 * follows and is told first, what each frame does), {@link com.linkwithmentor.chat.realtime.ChatSession}
 * the per-socket delivery lanes that keep every conversation in sequence order without repeats, and
 * {@link com.linkwithmentor.chat.realtime.ChatRooms} the conversations as rooms fanned out over
 * Redis plus the per-user control channel. The only package that knows about sockets.
 */
@NullMarked
package com.linkwithmentor.chat.realtime;

import org.jspecify.annotations.NullMarked;
