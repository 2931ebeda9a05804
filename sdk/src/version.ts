/**
 * The version of this SDK. The plugin host compares it with the range each
 * plugin declares in its manifest (`sdk`) before running any plugin code.
 * Kept equal to `version` in sdk/package.json by a test.
 */
export const SDK_VERSION = '1.0.0';
