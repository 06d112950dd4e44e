/**
 * ICE (RFC 8445) for a relay that owns its sockets: {@link rtpmesh.media.ice.IceAgent} per
 * component, answering and sending connectivity checks, nominating, and keeping consent
 * (RFC 7675) as a pure state machine driven by {@code handle} and {@code tick}; SDP candidate
 * lines ({@link rtpmesh.media.ice.Candidate}) and credentials. No Vert.x, no timers, no threads.
 */
package rtpmesh.media.ice;
