package qunzhu.platform.onebot;

/**
 * The neutral request id of a group join request: {@code sub_type:flag}. set_group_add_request
 * needs both back, and the sub_type must match the event (spec api/public.md).
 */
record JoinRequestId(String subType, String flag) {
    static String encode(String subType, String flag) { return subType + ":" + flag; }

    /** Splits at the first colon (flags may contain colons); a bare flag is taken as an "add" request. */
    static JoinRequestId decode(String id) {
        int colon = id.indexOf(':');
        String sub = colon > 0 ? id.substring(0, colon) : "";
        if (sub.equals("add") || sub.equals("invite")) return new JoinRequestId(sub, id.substring(colon + 1));
        return new JoinRequestId("add", id);
    }
}
