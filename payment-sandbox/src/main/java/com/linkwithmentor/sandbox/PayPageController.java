package com.linkwithmentor.sandbox;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * A page where a developer "pays" a pending UPI intent or card checkout by hand (the hosted
 * checkout URL of a sandbox payment), and an index of everything pending.
 */
@Controller
class PayPageController {

    private final SandboxGateway gateway;

    PayPageController(SandboxGateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String index() {
        StringBuilder rows = new StringBuilder();
        for (Operation op : gateway.all()) {
            rows.append("<tr><td><a href=\"/pay/").append(escape(op.ref)).append("\">").append(escape(op.ref))
                .append("</a></td><td>").append(escape(op.eventPrefix())).append("</td><td>")
                .append(java.math.BigDecimal.valueOf(op.amountMinor, 2).toPlainString()).append(' ').append(escape(op.currency))
                .append("</td><td>").append(escape(op.status)).append("</td></tr>");
        }
        return page("Payment sandbox", "<table><tr><th>ref</th><th>kind</th><th>amount</th><th>status</th></tr>" + rows
                + "</table><p>Control API: <code>POST /control/payments/{gateway_ref} {\"outcome\": \"succeeded\"}</code></p>");
    }

    @GetMapping(value = "/pay/{ref}", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> payPage(@PathVariable String ref) {
        return gateway.find(ref).filter(op -> op.kind == Operation.Kind.PAYMENT).map(op -> {
            String amount = java.math.BigDecimal.valueOf(op.amountMinor, 2).toPlainString() + " " + escape(op.currency);
            String body = "<p>Pay <b>" + amount + "</b> to LinkWithMentor (" + escape(op.reference) + ")</p>"
                    + "<p>Status: <b>" + escape(op.status) + "</b></p>"
                    + (op.pending() && op.method != null && op.method.equals("upi")
                            ? "<p>UPI intent: <code>" + escape(gateway.upiUri(op)) + "</code></p>" : "")
                    + (op.pending() ? "<form method=\"post\"><button name=\"outcome\" value=\"succeeded\">Pay</button> "
                            + "<button name=\"outcome\" value=\"failed\">Decline</button></form>" : "");
            return ResponseEntity.ok(page("Pay " + escape(op.ref), body));
        }).orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(page("Not found", "<p>No payment " + escape(ref) + "</p>")));
    }

    @PostMapping("/pay/{ref}")
    @ResponseBody
    ResponseEntity<Void> pay(@PathVariable String ref, @RequestParam String outcome) {
        if (!outcome.equals("succeeded") && !outcome.equals("failed")) {
            throw new SandboxException(400, "BAD_REQUEST", "outcome must be succeeded or failed");
        }
        gateway.settle(ref, outcome, Operation.Kind.PAYMENT);
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/pay/" + ref)).build();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>" + title + "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em}"
                + "button{font-size:1.2em;margin-right:1em}</style></head><body><h1>" + title + "</h1>" + body
                + "</body></html>";
    }
}
