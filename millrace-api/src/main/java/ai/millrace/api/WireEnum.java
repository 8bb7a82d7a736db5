package ai.millrace.api;

/**
 * An enum whose constants are written as the original's lower-case (or exact) wire values.
 *
 * <p>Every enum in the contracts implements this; {@code toString()} returns the wire value so
 * that messages show what a user would type.
 */
public interface WireEnum {
    /**
     * Returns the exact string used in JSON, markdown and TOML.
     *
     * @return the wire value, never null
     */
    String wireName();

    /**
     * Finds the constant of {@code type} whose wire value is {@code value}.
     *
     * @param type the enum class
     * @param value the wire value to look up, may be null
     * @param <E> the enum type
     * @return the constant
     * @throws ContractViolationException when no constant matches; the message lists the allowed values
     */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String value) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.wireName().equals(value)) {
                    return constant;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (allowed.length() > 0) {
                allowed.append(", ");
            }
            allowed.append(constant.wireName());
        }
        throw new ContractViolationException(
                "'" + value + "' is not a valid " + type.getSimpleName() + "; expected one of: " + allowed);
    }
}
