/** SDK version, compared by the plugin host with each plugin's declared range. */
export const SDK_VERSION = '1.0.0';
