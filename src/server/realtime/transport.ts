import type { RoomTransport } from '../room/transport';
import { broadcastToRoom } from './fast-broadcast';
import { hostChannel, playerChannel, roomChannel, type QuizServer } from './io';

/**
 * Carries per-player messages in a cluster (src/server/cluster/player-mail.ts): one Redis message per turn for
 * all of them instead of one PUBLISH each through the socket.io adapter.
 */
export interface PlayerMailbox {
  send(playerChannel: string, event: 'player:you', payload: unknown): void;
}

/** How a room reaches its sockets through socket.io. */
export function socketTransport(io: QuizServer, code: string, mailbox?: PlayerMailbox): RoomTransport {
  return {
    toRoom(event: 'room:state' | 'room:counts', payload: unknown) {
      // One packet, framed once, for every socket of the room: written straight to each WebSocket in a single
      // process (fast-broadcast.ts); through the Redis adapter in a cluster.
      broadcastToRoom(io, roomChannel(code), event, payload, !mailbox);
    },
    toHosts(payload) {
      io.to(hostChannel(code)).emit('host:state', payload);
    },
    toPlayer(playerId, payload) {
      if (mailbox) mailbox.send(playerChannel(playerId), 'player:you', payload);
      else io.to(playerChannel(playerId)).emit('player:you', payload);
    },
    kick(playerId, reason) {
      io.to(playerChannel(playerId)).emit('player:kicked', { reason });
      io.in(playerChannel(playerId)).socketsLeave([roomChannel(code), playerChannel(playerId)]);
    },
    reconnect(where) {
      (where === 'here' ? io.local : io).in(roomChannel(code)).disconnectSockets();
    },
  };
}
