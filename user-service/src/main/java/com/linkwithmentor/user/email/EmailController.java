package com.linkwithmentor.user.email;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserView;

/** Email verification and password reset. */
@RestController
class EmailController {

    private final EmailFlows flows;

    EmailController(EmailFlows flows) {
        this.flows = flows;
    }

    record TokenRequest(@NotBlank @Size(max = 200) String token) {
    }

    record ResetRequest(@NotBlank @Email @Size(max = 255) String email) {
    }

    record NewPasswordRequest(@NotBlank @Size(max = 200) String token, @NotNull @Size(max = 128) String newPassword) {
    }

    @PostMapping("/api/v1/auth/verify-email/request")
    ResponseEntity<Void> requestVerification(CurrentUser caller) {
        flows.sendVerification(caller.id());
        return ResponseEntity.accepted().build();
    }

    @PublicEndpoint
    @PostMapping("/api/v1/auth/verify-email")
    UserView verify(@Valid @RequestBody TokenRequest request) {
        return UserView.full(flows.verify(request.token()));
    }

    /**
     * The link in the verification email: opening it verifies the address and shows a short page.
     * (The web client's own page posts the token instead; both end the same way.)
     */
    @PublicEndpoint
    @GetMapping(path = "/api/v1/auth/verify-email", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> verifyFromLink(@RequestParam("token") @NotBlank @Size(max = 200) String token) {
        User user = flows.verify(token);
        String name = HtmlUtils.htmlEscape(user.username());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Email verified</title></head>
                <body><main><h1>Email verified</h1><p>Thank you, %s: your address is confirmed.
                You can close this page and sign in to LinkWithMentor.</p></main></body></html>
                """.formatted(name));
    }

    @PublicEndpoint
    @PostMapping("/api/v1/auth/password-reset/request")
    ResponseEntity<Void> requestReset(@Valid @RequestBody ResetRequest request) {
        flows.requestReset(request.email().trim());
        return ResponseEntity.accepted().build();
    }

    @PublicEndpoint
    @PostMapping("/api/v1/auth/password-reset")
    ResponseEntity<Void> reset(@Valid @RequestBody NewPasswordRequest request) {
        flows.reset(request.token(), request.newPassword());
        return ResponseEntity.noContent().build();
    }
}
