package com.linkwithmentor.user.email;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.PublicEndpoint;
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
