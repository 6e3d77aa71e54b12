package com.linkwithmentor.signaling.call;

/** What the call is for; wire names are the lower-case names ({@code screen_share}). */
public enum CallType {
    AUDIO, VIDEO, SCREEN_SHARE
}
