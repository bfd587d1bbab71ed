import type { HostState, PublicState, You } from '../../protocol';

/**
 * How a room reaches its sockets: socket.io in production (src/server/realtime/transport.ts), an in-memory
 * recorder in tests. The room knows nothing else about connections.
 */
export interface RoomTransport {
  /** Everyone attached to the room: players, big screens, hosts. One encoded packet for all. */
  toRoom(event: 'room:state', payload: PublicState): void;
  toRoom(event: 'room:counts', payload: { playerCount: number; answeredCount: number }): void;
  toHosts(payload: HostState): void;
  toPlayer(playerId: string, payload: You): void;
  kick(playerId: string, reason: string): void;
  /**
   * Disconnects every socket following the room (players, screens, hosts), on this process or on every process,
   * so they connect again and rejoin wherever the room runs now [R8.4] (the clients come back by themselves).
   */
  reconnect(where: 'here' | 'everywhere'): void;
}
