/**
 * Every command the extension contributes. These ids are a public contract (keybindings,
 * other extensions and users' tasks refer to them), so they only ever gain members.
 */
export const CommandIds = {
  signIn: 'worldclientRtc.signIn',
  signOut: 'worldclientRtc.signOut',
  refresh: 'worldclientRtc.refresh',
  openRoom: 'worldclientRtc.openRoom',
  addRoom: 'worldclientRtc.addRoom',
  addMessages: 'worldclientRtc.addMessages',
  deleteRoom: 'worldclientRtc.deleteRoom',
  deleteMessages: 'worldclientRtc.deleteMessages',
  showLog: 'worldclientRtc.showLog',
  testConnection: 'worldclientRtc.testConnection',
  copyRequestAsCurl: 'worldclientRtc.copyRequestAsCurl',
  switchServer: 'worldclientRtc.switchServer',
  filterRooms: 'worldclientRtc.filterRooms',
  clearFilter: 'worldclientRtc.clearFilter',
  loadMoreRooms: 'worldclientRtc.loadMoreRooms',
  restoreDeletedRoom: 'worldclientRtc.restoreDeletedRoom',
  copyRoomId: 'worldclientRtc.copyRoomId',
  copyRoomJson: 'worldclientRtc.copyRoomJson',
  openRoomJson: 'worldclientRtc.openRoomJson',
  exportRooms: 'worldclientRtc.exportRooms',
  importRooms: 'worldclientRtc.importRooms',
  checkRooms: 'worldclientRtc.checkRooms',
  showOnlyRoomsWithProblems: 'worldclientRtc.showOnlyRoomsWithProblems',
  showAllRooms: 'worldclientRtc.showAllRooms',
  compareRoom: 'worldclientRtc.compareRoom',
  compareWithServer: 'worldclientRtc.compareWithServer',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
