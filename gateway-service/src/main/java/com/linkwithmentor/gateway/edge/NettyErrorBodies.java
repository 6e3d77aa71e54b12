package com.linkwithmentor.gateway.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

import org.springframework.http.HttpStatusCode;

import com.linkwithmentor.common.web.RequestIds;

/**
 * The last line for errors HTTP/1.1 decoding answers before any filter runs: a request line over
 * the length limit (414), headers over the size limit (431), a request target that is not a URI
 * ({@code {}, {@code |}, {@code %zz}: 400). Reactor Netty and Spring's adapter answer those with
 * an empty body; this handler, right after the HTTP codec, gives each the ApiError body. Any
 * response that already has a body or a content type passes untouched, and so does any answer to
 * HEAD. One per connection (it remembers the request's method).
 */
public final class NettyErrorBodies extends ChannelDuplexHandler {

    public static final String NAME = "lwm.errorBodies";

    private final ApiErrorResponses errors;

    /** A response to HEAD has no body, whatever its status. */
    private boolean head;

    public NettyErrorBodies(ApiErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            head = HttpMethod.HEAD.equals(request.method());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (head || !(msg instanceof HttpResponse response) || response.status().code() < 400
                || response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            super.write(ctx, msg, promise);
            return;
        }
        if (msg instanceof FullHttpResponse full) {
            if (full.content().isReadable()) {
                super.write(ctx, msg, promise);
                return;
            }
            byte[] body = body(response);
            full.content().release();
            FullHttpResponse replaced = full.replace(Unpooled.wrappedBuffer(body));
            describe(replaced, body.length);
            super.write(ctx, replaced, promise);
            return;
        }
        if (HttpUtil.getContentLength(response, -1L) != 0L) {
            super.write(ctx, msg, promise);
            return;
        }
        // Headers now, the body before the (empty) last content that follows.
        byte[] body = body(response);
        describe(response, body.length);
        super.write(ctx, response, ctx.voidPromise());
        super.write(ctx, new DefaultHttpContent(Unpooled.wrappedBuffer(body)), promise);
    }

    private byte[] body(HttpResponse response) {
        HttpStatusCode status = HttpStatusCode.valueOf(response.status().code());
        return errors.body(status, ApiErrorResponses.codeFor(status), ApiErrorResponses.messageFor(status), null, null,
                RequestIds.acceptOrCreate(null));
    }

    private static void describe(HttpResponse response, int length) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
    }
}
