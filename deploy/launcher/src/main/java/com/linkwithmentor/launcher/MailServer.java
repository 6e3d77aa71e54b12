package com.linkwithmentor.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The development mail server: a real SMTP server (GreenMail) that keeps every message in memory,
 * and an inbox a developer reads at {@code http://localhost:1080/} (HTML, links clickable) or
 * {@code /api/messages} (JSON with each message's links, for scripts and tests). Only when no external
 * SMTP server is configured.
 */
final class MailServer implements AutoCloseable {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

  private final GreenMail smtp;
  private final HttpServer inbox;

  private MailServer(GreenMail smtp, HttpServer inbox) {
    this.smtp = smtp;
    this.inbox = inbox;
  }

  static MailServer start(int smtpPort, int inboxPort) throws IOException {
    if (Net.answers("localhost", smtpPort)) {
      throw new FleetException("port " + smtpPort + " for the development mail server is taken; "
          + "set LWM_SMTP_PORT to a free one, or LWM_SMTP_HOST to use a real mail server");
    }
    if (Net.answers("localhost", inboxPort)) {
      throw new FleetException("port " + inboxPort + " for the development inbox is taken; set LWM_MAIL_INBOX_PORT");
    }
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    HttpServer inbox = HttpServer.create(new InetSocketAddress("127.0.0.1", inboxPort), 0);
    MailServer server = new MailServer(smtp, inbox);
    inbox.createContext("/api/messages", exchange -> server.respond(exchange, "application/json", server.json()));
    inbox.createContext("/", exchange -> server.respond(exchange, "text/html; charset=utf-8", server.html()));
    inbox.start();
    return server;
  }

  int inboxPort() {
    return inbox.getAddress().getPort();
  }

  record Mail(String to, String subject, Instant received, String body, List<String> links) {
  }

  List<Mail> messages() {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(body);
        while (matcher.find()) {
          links.add(matcher.group());
        }
        String to = message.getAllRecipients() == null ? "" : message.getAllRecipients()[0].toString();
        Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
            : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.EPOCH;
        mails.add(new Mail(to, String.valueOf(message.getSubject()), received, body, links));
      } catch (MessagingException e) {
        mails.add(new Mail("", "(unreadable message: " + e.getMessage() + ")", Instant.EPOCH, "", List.of()));
      }
    }
    return mails.reversed();
  }

  private String json() {
    StringBuilder out = new StringBuilder("[");
    for (Mail mail : messages()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"to\":").append(quote(mail.to()))
          .append(",\"subject\":").append(quote(mail.subject()))
          .append(",\"received_at\":").append(quote(mail.received().toString()))
          .append(",\"body\":").append(quote(mail.body()))
          .append(",\"links\":[");
      for (int i = 0; i < mail.links().size(); i++) {
        out.append(i > 0 ? "," : "").append(quote(mail.links().get(i)));
      }
      out.append("]}");
    }
    return out.append(']').toString();
  }

  private String html() {
    StringBuilder out = new StringBuilder("""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>LinkWithMentor dev inbox</title>
        <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}article{border-bottom:1px solid #ccc;
        padding:1rem 0}pre{white-space:pre-wrap}</style></head><body><h1>Development inbox</h1>
        <p>Every email the fleet sent since <code>./fleet up</code>, newest first. JSON: <a href="/api/messages">/api/messages</a>.</p>
        """);
    List<Mail> mails = messages();
    if (mails.isEmpty()) {
      out.append("<p>No email yet.</p>");
    }
    for (Mail mail : mails) {
      String body = escape(mail.body());
      for (String link : mail.links()) {
        String shown = escape(link);
        body = body.replace(shown, "<a href=\"" + shown + "\">" + shown + "</a>");
      }
      out.append("<article><h2>").append(escape(mail.subject())).append("</h2><p>To ").append(escape(mail.to()))
          .append(", ").append(mail.received()).append("</p><pre>").append(body).append("</pre></article>");
    }
    return out.append("</body></html>").toString();
  }

  private void respond(HttpExchange exchange, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @Override
  public void close() {
    inbox.stop(0);
    smtp.stop();
  }
}
